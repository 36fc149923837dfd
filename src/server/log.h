/* log — one line per request on stderr; ID numbers in paths are masked and
 * nothing else personal is ever passed here. */
#ifndef ANZHI_SERVER_LOG_H
#define ANZHI_SERVER_LOG_H

#include <stdarg.h>
#include <stddef.h>

void log_request(const char *method, const char *path, int status, long ms);
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* log_msg for a va_list (libmicrohttpd's messages): one stamped line. */
void log_vmsg(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* log_vmsg for messages an attacker can multiply (libmicrohttpd's one per
 * dropped connection): a format logged less than `every` seconds ago is
 * only counted; its next line says how many were skipped. */
void log_vmsg_throttled(const char *fmt, va_list ap, int every)
	__attribute__((format(printf, 1, 0)));
/* Copies path into buf with any segment shaped like an ID or certificate
 * number masked (152630*****4043330). */
void log_mask_path(const char *path, char *buf, size_t len);

#endif
