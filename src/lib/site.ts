/** URL of the folder holding the served dataset, under whatever base path the site is deployed at. */
export function dataUrl(baseUrl: string): string {
  return `${baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`}data/`;
}
