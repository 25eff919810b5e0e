from nocontact_tui.cli import main

raise SystemExit(main())
