"""Entry points run with the 'superset' environment's python: dashboard, setup, bench-freshness."""
import sys


def main() -> int:
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "dashboard":
        from assay_superset.dashboard import main as dashboard
        return dashboard(args)
    if command == "setup":
        from assay_superset.metadata import prepare_state_dir, setup
        from assay_superset.settings import SupersetSettings
        settings = SupersetSettings.from_env()
        prepare_state_dir(settings)
        print(f"assay superset setup: {setup(settings)}")
        return 0
    if command == "bench-freshness":
        from assay_superset.freshness import main as freshness
        return freshness(args)
    print("usage: python -m assay_superset dashboard|setup|bench-freshness [options]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
