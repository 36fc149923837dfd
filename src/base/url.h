/* url: building the service's URLs. */
#ifndef ANZHI_BASE_URL_H
#define ANZHI_BASE_URL_H

/* s percent-escaped for a path segment or query value (malloc'd): only
 * ASCII letters and digits stay as they are. */
char *url_escape(const char *s);

#endif
