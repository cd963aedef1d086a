/**
 * Copies text: the Clipboard API, then the legacy command on the given element's selection
 * (plain-HTTP installs have no Clipboard API).
 */
export async function copyToClipboard(text: string, element: HTMLElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the legacy path.
  }
  if (!element) return false;
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select();
  } else {
    const range = document.createRange();
    range.selectNodeContents(element);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  }
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}
