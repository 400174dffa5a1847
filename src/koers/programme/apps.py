from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "koers.programme"
    label = "programme"

    def ready(self) -> None:
        from koers.programme.assignment_content import ensure_assignments
        from koers.programme.content import ensure_activity_types
        from koers.schools.content import register_school_content

        register_school_content("programme.activity_types", ensure_activity_types)
        register_school_content("programme.assignments", ensure_assignments)
