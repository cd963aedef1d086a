import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const WIDTHS = [390, 768, 1280, 1440, 1536, 1920] as const;

/** Every dashboard page a layout or accessibility check visits; `:key` is replaced by a key's id. */
export const PAGES = [
  "/keys",
  "/keys/:key",
  "/usage",
  "/requests",
  "/members",
  "/settings",
  "/audit",
  "/registries",
  "/webhooks",
  "/notifications",
  "/docs",
] as const;

/**
 * What spills: the page scrolling sideways, and any element whose content is wider than itself
 * while it does not scroll or clip (overflow visible) — a table cell pushing out of its table, a
 * button row out of its card. Scroll regions (overflow auto) and deliberate truncation are fine.
 */
export async function overflowProblems(page: Page, root = "body"): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${testId}> "${text}"`;
    };
    const rootEl = document.querySelector(rootSelector) ?? document.body;
    for (const el of rootEl.querySelectorAll("*")) {
      if (!(el instanceof HTMLElement) || el.offsetParent === null || el.closest(".sr-only")) continue;
      const style = getComputedStyle(el);
      if (style.display === "inline" || style.position === "fixed") continue;
      // Inside a scroll region or a clipping box, overflow is that box's business.
      if (el.closest("pre, [data-scroll-region]")) continue;
      const clips = ["auto", "scroll", "hidden", "clip"].includes(style.overflowX);
      if (!clips && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        problems.push(`${describe(el)} overflows by ${el.scrollWidth - el.clientWidth}px`);
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && (rect.right > doc.clientWidth + 1 || rect.left < -1)) {
        // Only report it when no ancestor scrolls or clips it (then it is inside a scroll region).
        let parent = el.parentElement;
        let contained = false;
        while (parent && parent !== document.body) {
          const overflow = getComputedStyle(parent).overflowX;
          if (["auto", "scroll", "hidden", "clip"].includes(overflow)) {
            contained = true;
            break;
          }
          parent = parent.parentElement;
        }
        if (!contained)
          problems.push(
            `${describe(el)} sticks out of the viewport (${Math.round(rect.left)}–${Math.round(rect.right)} of ${doc.clientWidth})`,
          );
      }
    }
    // A table that scrolls sideways hides columns without a hint; only wide logs may (data-scroll-region).
    for (const table of rootEl.querySelectorAll("table")) {
      if (table.closest("[data-scroll-region], .sr-only") || (table as HTMLElement).offsetParent === null) continue;
      const box = table.parentElement!;
      if (table.scrollWidth > box.clientWidth + 1)
        problems.push(`${describe(table)} is wider than its box (${table.scrollWidth} > ${box.clientWidth})`);
    }
    return [...new Set(problems)].slice(0, 20);
  }, root);
}

/** Row actions that are not fully visible in the viewport (cut off, or scrolled out of view). */
export async function hiddenRowActions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    for (const button of document.querySelectorAll('[data-testid="key-actions"] button, [data-testid="member-actions"] button')) {
      const rect = button.getBoundingClientRect();
      if (rect.width === 0) continue;
      let visible = rect.left >= 0 && rect.right <= width + 0.5;
      // Clipped by a scrolling ancestor (e.g. the table's scroll region)?
      for (let parent = button.parentElement; parent && visible; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === "visible") continue;
        const box = parent.getBoundingClientRect();
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) visible = false;
      }
      if (!visible)
        problems.push(
          `${button.getAttribute("aria-label") ?? button.textContent} at ${Math.round(rect.left)}–${Math.round(rect.right)} of ${width}`,
        );
    }
    return problems;
  });
}

/** axe-core's WCAG 2.x A/AA rules and best practices; answers the violations, one line each. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  if (include) {
    await page.locator(include).first().waitFor();
    builder = builder.include(include);
  }
  const results = await builder.analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.nodes.length}): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")} — ${v.nodes[0]?.failureSummary?.split("\n")[1] ?? ""}`,
  );
}

export async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await expect(page.locator("main")).toBeVisible();
}
