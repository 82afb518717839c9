"""The checks of the page walks (tests/browser/test_myspace_pages.py and
tests/browser/test_staff_pages.py): axe-core, and no sideways scrolling at 320 px, with text
at 200% at 320 px, and at 200% zoom (WCAG 2.1 1.4.4 Resize text, 1.4.10 Reflow).

320 CSS px is WCAG's reflow width (a 1280 px window at 400%).

200% zoom. Browser zoom makes a CSS pixel bigger: a 1280 x 800 window at 200% lays the page
out in 640 x 400 CSS px with two device pixels per CSS pixel, and media queries see 640 px.
The check does the same through the DevTools protocol (Emulation.setDeviceMetricsOverride:
640 x 400, deviceScaleFactor 2, a desktop browser) and checks that the page sees exactly that
(innerWidth 640, devicePixelRatio 2), so the text really reflows as it does when a person
zooms in. Pinch-zoom (Emulation.setPageScaleFactor) would only magnify, without reflow, and
prove nothing.

Text at 200% on a phone. A phone's own font-size setting makes the text bigger without
changing the width. The check sets the browser's default font size from 16 to 32 px
(Page.setFontSizes, what the font-size setting of the browser does) at 320 CSS px and checks
the page still fits; the pages' sizes are in rem and em, so all their text grows.

A page that does not fit is reported with the elements that stick out (the innermost ones,
not inside a region that scrolls on its own), so the cause is named in the failure.
"""

from __future__ import annotations

from tests.browser.test_accessibility import axe_violations

NARROW = {"width": 320, "height": 640}
FITS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
ZOOM_200 = {"width": 640, "height": 400, "deviceScaleFactor": 2, "mobile": False}
TEXT_200, TEXT_100 = {"standard": 32, "fixed": 26}, {"standard": 16, "fixed": 13}
ROOT_FONT = "getComputedStyle(document.documentElement).fontSize"

# The innermost visible elements whose right edge is past the page's width, outside any
# element that clips or scrolls sideways itself, the widest first: what pushes the page wide.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1 || !el.checkVisibility() || clipped(el)) continue;
    out.push(el);
  }
  const innermost = out.filter(el => !out.some(other => other !== el && el.contains(other)));
  innermost.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return innermost.slice(0, 3).map(el => {
    const r = el.getBoundingClientRect();
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 30);
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} ` +
      `(${Math.round(r.left)}-${Math.round(r.right)} px) "${text}"`;
  });
}"""


def _fits(page, problems: list[str], where: str, how: str) -> None:
    if page.evaluate(FITS):
        return
    wide = page.evaluate("document.documentElement.scrollWidth")
    culprits = "; ".join(page.evaluate(STICKING_OUT))
    problems.append(f"{where}: scrolls sideways {how} ({wide} px wide: {culprits})")


def reflow_problems(page, where: str, *, axe: bool = True, text: bool = True) -> list[str]:
    """axe-core's WCAG A/AA findings at the page's present size, then the three reflow
    checks. The page is left at 320 x 640 CSS px (NARROW) with the default text size."""
    problems = [f"{where}: {found}" for found in axe_violations(page)] if axe else []
    page.set_viewport_size(NARROW)
    _fits(page, problems, where, "at 320 px")
    cdp = page.context.new_cdp_session(page)
    if text:
        cdp.send("Page.setFontSizes", {"fontSizes": TEXT_200})
        assert page.evaluate(ROOT_FONT) == "32px"
        _fits(page, problems, where, "at 320 px with text at 200%")
        cdp.send("Page.setFontSizes", {"fontSizes": TEXT_100})
    cdp.send("Emulation.setDeviceMetricsOverride", ZOOM_200)
    assert page.evaluate("[innerWidth, devicePixelRatio]") == [640, 2]
    _fits(page, problems, where, "at 200% zoom")
    cdp.send("Emulation.clearDeviceMetricsOverride")
    cdp.detach()
    return problems
