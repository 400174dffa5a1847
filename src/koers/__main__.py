from koers.cli import main

raise SystemExit(main())
