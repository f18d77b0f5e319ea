"""``hanoi-desk --self-test``: the runner (``runner``: checks, workbench, the
printed lines) and the Qt-free checks (``checks``). A diagnostic tool over the
use cases, not one of them, so it sits above ``app`` (docs/architecture.md);
the Qt check lives in ``ui.selftest`` and the command in ``cli.selftest_cmd``."""
