"""Benchmark: the hosted UI's pages in headless Chromium (Debian's, never a downloaded one): what each page
weighs with its CSS (everything the browser fetched for it) and when it first paints, in both page styles.

    python -m tests.benchmarks.bench_hosted_ui_pages [--loads 20]

Each page is loaded ``--loads`` times in a fresh browser context; first paint is the browser's own
``first-contentful-paint`` entry, measured from the navigation's start and awaited with a buffered
PerformanceObserver (the entry can arrive after the load event), so every load reports one.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.benchmarks.bench_user_admin import call
from tests.integration.hosted_ui_support import CALLBACK
from tests.localcognito import start

CHROMIUM = "/usr/bin/chromium"
FIRST_PAINT = """() => new Promise(done => {
    const found = () => performance.getEntriesByName('first-contentful-paint')[0];
    if (found()) return done(found().startTime);
    const observer = new PerformanceObserver(list => {
        const entry = list.getEntries().find(e => e.name === 'first-contentful-paint');
        if (entry) { observer.disconnect(); done(entry.startTime); }
    });
    observer.observe({type: 'paint', buffered: true});
    setTimeout(() => { observer.disconnect(); done(NaN); }, 5000);
})"""
PAGES = {"sign-in": "/login", "sign-up": "/signup", "forgotten password": "/forgotPassword"}


def setup(base: str, style: int) -> tuple[str, str]:
    """A pool whose domain has the page style ``style`` (1 classic, 2 managed login): its domain and client."""
    with httpx.Client(timeout=60) as c:
        pool = call(c, base, "CreateUserPool", {"PoolName": f"pages-{style}", "UserPoolTier": "ESSENTIALS"})
        pool_id = pool["UserPool"]["Id"]
        domain = f"pages{style}"
        call(c, base, "CreateUserPoolDomain", {"UserPoolId": pool_id, "Domain": domain, "ManagedLoginVersion": style})
        client = call(
            c,
            base,
            "CreateUserPoolClient",
            {
                "UserPoolId": pool_id,
                "ClientName": "web",
                "AllowedOAuthFlowsUserPoolClient": True,
                "AllowedOAuthFlows": ["code"],
                "AllowedOAuthScopes": ["openid"],
                "CallbackURLs": [CALLBACK],
                "SupportedIdentityProviders": ["COGNITO"],
            },
        )["UserPoolClient"]["ClientId"]
        if style == 2:
            call(
                c,
                base,
                "CreateManagedLoginBranding",
                {"UserPoolId": pool_id, "ClientId": client, "UseCognitoProvidedValues": True},
            )
    return domain, client


def measure(browser: Any, url: str) -> tuple[float, int]:
    """One load in a fresh context: first contentful paint (ms) and the bytes of every response it fetched."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    page.bring_to_front()  # a page in the background is not painted, and records no paint timing
    page.goto(url, wait_until="load")
    # Chromium records a paint entry once the compositor reports the frame presented, which can come after
    # "load" and after the next animation frames: wait for it with a buffered observer (at most 5 s).
    paint = page.evaluate(FIRST_PAINT)
    context.close()
    return float(paint), sum(sizes)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--loads", type=int, default=20)
    ns = p.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    ours = start(tmp)
    try:
        rows = []
        with sync_playwright() as runner:
            browser = runner.chromium.launch(executable_path=CHROMIUM, headless=True)
            for style, label in ((1, "classic"), (2, "managed login")):
                domain, client = setup(ours.base_url, style)
                query = urlencode({"client_id": client, "response_type": "code", "redirect_uri": CALLBACK})
                for name, path in PAGES.items():
                    url = f"{ours.base_url}/{domain}{path}?{query}"
                    measure(browser, url)  # warm-up
                    loads = [measure(browser, url) for _ in range(ns.loads)]
                    # A load whose paint entry never came (none within 5 s) is left out, and counted.
                    paints = sorted(paint for paint, _ in loads if paint == paint)
                    middle = statistics.median(paints) if paints else float("nan")
                    worst = paints[-1] if paints else float("nan")
                    sizes = max(size for _, size in loads)
                    rows.append((label, name, middle, worst, len(paints), len(loads), sizes))
            browser.close()
        print("| page style | page | first paint p50 / max ms (loads that recorded one) | bytes fetched |")
        print("|---|---|---|---|")
        for label, name, p50, worst, painted, loaded, size in rows:
            print(f"| {label} | {name} | {p50:.0f} / {worst:.0f} ({painted} of {loaded}) | {size:,} |")
    finally:
        ours.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
