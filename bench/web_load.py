"""Load benchmark of the web app: concurrent users browsing the delivery plan and board report.

Seeds the Sample County demo into a PostgreSQL database, serves it with ``svduty serve`` (waitress)
and has ``--users`` simulated users, each signed in with its own session, fetch the delivery plan
(plain and filtered) and the board report in a loop for ``--duration`` seconds, pausing ``--think``
seconds on average between pages as people do (``--think 0`` hammers the server instead).
Prints p50/p95/max latency and the error count, and writes them as JSON.
Target (issue 5): p95 <= 300 ms, no errors.

    .venv/bin/python bench/web_load.py [--users 20] [--duration 120]
        [--database-url postgres://postgres@127.0.0.1:5432/svduty_bench]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

SLUG = "sample-county"
SEED = """
import json
import svduty.web as web
web.setup_django()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from svduty.web.demo import DEMO_PASSWORD, seed_demo
from svduty.web.partnership.models import Partnership
from svduty.web.common.periods import FinancialQuarter
from django.utils import timezone
seed_demo()
board = Partnership.objects.get(slug="sample-county").boards.order_by("pk").first()
last = FinancialQuarter.of(timezone.localdate()).previous()
print(json.dumps({"board": board.pk, "quarter": f"{last.year}-{last.quarter}",
                  "password": DEMO_PASSWORD}))
"""
SERVE = (
    "from svduty.web.commands import serve; "
    "serve(host='127.0.0.1', port={port}, threads={threads}, migrate=False)"
)


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist (trust auth on the local server)."""
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


class User:
    """One browser-like session: its own cookies, signs in through the form."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        html = self.opener.open(f"{base}/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        ).encode()
        request = urllib.request.Request(
            f"{base}/accounts/login/", data=body, headers={"Referer": f"{base}/accounts/login/"}
        )
        final = self.opener.open(request).geturl()
        if "/accounts/login/" in final:
            raise RuntimeError(f"could not sign in as {username}")

    def fetch(self, path: str) -> tuple[float, bool]:
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                response.read()
                ok = response.status == 200
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            ok = False
        return (time.perf_counter() - started) * 1000, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause between a user's page views in seconds (uniform 0.5x-1.5x; 0: none)",
    )
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/svduty_bench"
        ),
    )
    parser.add_argument("--out", type=Path, default=Path("bench/out/web_load.json"))
    args = parser.parse_args()

    if args.database_url.startswith("postgres"):
        ensure_database(args.database_url)
    home = tempfile.mkdtemp(prefix="svduty-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SVDUTY_HOME": home,
        "SVDUTY_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "svduty.web.project.settings",
    }
    env.pop("DEBUG", None)
    seeded = json.loads(
        subprocess.run(
            [sys.executable, "-c", SEED], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE.format(port=args.port, threads=args.threads)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        paths = [
            f"/p/{SLUG}/strategy/delivery-plan/",
            f"/p/{SLUG}/strategy/delivery-plan/?pillar=prevent",
            f"/p/{SLUG}/strategy/delivery-plan/?rag=amber",
            f"/p/{SLUG}/board-report/",
            f"/p/{SLUG}/board-report/?board={seeded['board']}&quarter={seeded['quarter']}",
        ]
        usernames = ["coordinator", "board", "viewer", "analyst", "admin"]
        users = [
            User(base, usernames[i % len(usernames)], seeded["password"]) for i in range(args.users)
        ]
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        deadline = time.perf_counter() + args.duration

        def browse(user: User, offset: int) -> None:
            step = offset
            pause = random.Random(offset)
            time.sleep(pause.uniform(0, args.think))  # users arrive spread out, not in lockstep
            while time.perf_counter() < deadline:
                elapsed, ok = user.fetch(paths[step % len(paths)])
                step += 1
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors[0] += 1
                if args.think:
                    time.sleep(pause.uniform(0.5 * args.think, 1.5 * args.think))

        threads = [threading.Thread(target=browse, args=(user, i)) for i, user in enumerate(users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    ordered = sorted(latencies)
    result = {
        "users": args.users,
        "think_s": args.think,
        "duration_s": args.duration,
        "requests": len(ordered),
        "errors": errors[0],
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "max_ms": round(ordered[-1], 1),
        "requests_per_s": round(len(ordered) / args.duration, 1),
        "database": urllib.parse.urlparse(args.database_url).scheme,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 and result["p95_ms"] <= 300 else 1


if __name__ == "__main__":
    sys.exit(main())
