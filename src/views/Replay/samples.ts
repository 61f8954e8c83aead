/** URLs of the bundled sample captures: the real fixtures under tests/fixtures/capture, emitted as assets. */
const urls = import.meta.glob<string>(
  [
    '../../../tests/fixtures/capture/*.{pcap,pcapng,har,txt}',
    '../../../tests/fixtures/capture/h2c/*.pcapng',
    '../../../tests/fixtures/subprotocol/*/*.pcapng',
    // A 350 KB capture for the TCP gap tests, not a sample: kept out of the build and the offline cache.
    '!../../../tests/fixtures/capture/chromium-ws-large.pcapng',
  ],
  {
    query: '?url',
    import: 'default',
    eager: true,
  },
);

/** The URL of a fixture by file name, or null when it is not bundled. */
export function sampleUrl(file: string): string | null {
  for (const [path, url] of Object.entries(urls)) if (path.endsWith(`/${file}`)) return url;
  return null;
}
