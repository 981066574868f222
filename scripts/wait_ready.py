"""Waits until every URL answers 200, or gives up after the timeout (last argument, seconds)."""

import sys
import time
import urllib.request


def main() -> int:
    *urls, timeout = sys.argv[1:]
    deadline = time.monotonic() + float(timeout)
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        for url in list(pending):
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        pending.remove(url)
            except OSError:
                pass
        if pending:
            time.sleep(1)
    if pending:
        print(f"wait_ready: no answer from {', '.join(pending)} after {timeout} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
