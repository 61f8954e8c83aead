/** Save text as a file through the browser's download prompt. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoke after the click has been handled, not synchronously, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
