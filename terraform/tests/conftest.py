import sys
from pathlib import Path

# The README and typed-configuration readers are shared with the Compose checks in checks/.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "checks"))
