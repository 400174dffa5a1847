# Koers in a container: the same steps as the README (a virtual environment, `pip install`, the Debian packages
# Koers uses at run time), then `koers web`. The static files are collected while the image is built, so every
# container of one image serves the same hashed files. Build: `docker build -t koers .`; run with compose.yaml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    KOERS_DATA_DIR=/var/lib/koers \
    KOERS_STATIC_ROOT=/srv/koers/static \
    PATH=/srv/koers/.venv/bin:$PATH

# Run-time packages (scripts/os-packages.sh lists these with the test tools): Pango and fonts for PDFs,
# espeak-ng for read-aloud, xmlsec1 for SAML, the PostgreSQL client for koers backup and restore, ffmpeg to
# strip metadata from uploaded video and sound.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core espeak-ng xmlsec1 postgresql-client ffmpeg \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /srv/koers --shell /usr/sbin/nologin koers \
    && mkdir -p /var/lib/koers /srv/koers \
    && chown koers:koers /var/lib/koers

WORKDIR /srv/koers
COPY pyproject.toml README.md ./
COPY src ./src
RUN python -m venv .venv \
    && .venv/bin/pip install --no-cache-dir . \
    && KOERS_SECRET_KEY=collectstatic-only KOERS_PUBLIC_URL=https://build.invalid KOERS_DEBUG=0 \
       koers manage collectstatic --noinput --verbosity 0

USER koers
VOLUME ["/var/lib/koers"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["koers", "web", "--host", "0.0.0.0", "--port", "8000", "--no-collectstatic"]
