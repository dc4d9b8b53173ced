/** RFC 3986 encoding as pop-core/kitx do it: encodeURIComponent plus !'()* (reference §1.4 step 3). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
