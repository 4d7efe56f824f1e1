"""``python -m calculator``: the command-line face (``ui/cli.py``), launched from here.

The model never imports the faces; this launcher is the one exception, so the documented
command keeps working.
"""

from ui.cli import main

raise SystemExit(main())
