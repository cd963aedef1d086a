import { expect, test } from "@playwright/test";
import { openAs } from "../support/browser";
import { seedOrg, uiDatabaseUrl, type SeededOrg } from "../support/seeded-org";

// The dashboard header on a phone and on a small laptop: every page and Sign out stay reachable,
// and nothing pushes the page wider than the screen.
let org: SeededOrg;
test.beforeAll(async () => {
  org = await seedOrg(uiDatabaseUrl(), "Header UI");
});

const NAV = ["Keys", "Registries", "Members", "Settings", "Usage", "Audit", "API docs"];

for (const viewport of [
  { width: 390, height: 800 },
  { width: 1024, height: 768 },
]) {
  test(`at ${viewport.width} px every link and Sign out are reachable, nothing overlaps the links and nothing overflows sideways`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await openAs(page, org.tokens.owner, "/keys");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of NAV) {
      const link = nav.getByRole("link", { name, exact: true });
      await link.scrollIntoViewIfNeeded();
      await expect(link).toBeInViewport({ ratio: 0.9 });
    }
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport({ ratio: 0.9 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Who is signed in (organisation, email) never runs into the links.
    const overlaps = await page.evaluate(() => {
      const nav = document.querySelector('nav[aria-label="Main"]')!.getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="viewer"] *')]
        .map((element) => element.getBoundingClientRect())
        .filter((box) => box.width > 0 && box.left < nav.right && box.right > nav.left && box.top < nav.bottom && box.bottom > nav.top)
        .length;
    });
    expect(overlaps).toBe(0);

    // The last link, scrolled into view on a phone, still navigates.
    await nav.getByRole("link", { name: "API docs", exact: true }).click();
    await expect(page).toHaveURL(/\/docs$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    // Opened directly, the current page's link brings itself into view.
    await page.goto("/keys");
    await page.goto("/docs");
    const current = nav.locator('[aria-current="page"]');
    await expect(current).toHaveText("API docs");
    await expect(current).toBeInViewport({ ratio: 0.9 });
  });
}
