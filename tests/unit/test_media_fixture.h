/* Shared by the tests of the material viewer: a PNG and an A4 PDF written to
 * a file, well-formed (as the service wants uploads to be).  The PNG: left
 * half red, right half blue.  The PDF: each page a black band near the top
 * (y 700-800 of 842 points) and a blue square at the bottom left. */
#ifndef ANZHI_TEST_MEDIA_FIXTURE_H
#define ANZHI_TEST_MEDIA_FIXTURE_H

#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline bool fixture_write_png(const char *path, int w, int h)
{
	unsigned char *px = malloc((size_t)w * (size_t)h * 3);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			unsigned char *p = px + ((size_t)y * (size_t)w + (size_t)x) * 3;
			p[0] = x < w / 2 ? 255 : 0, p[1] = 0, p[2] = x < w / 2 ? 0 : 255;
		}
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	im.width = (png_uint_32)w;
	im.height = (png_uint_32)h;
	im.format = PNG_FORMAT_RGB;
	bool ok = png_image_write_to_file(&im, path, 0, px, 0, NULL) != 0;
	free(px);
	return ok;
}

static inline bool fixture_write_pdf(const char *path, int pages)
{
	char body[8192];
	long off[32];
	int n = 0, len = 0;
	if (pages < 1 || pages > 12)
		return false;
	len += snprintf(body + len, sizeof body - (size_t)len, "%%PDF-1.4\n");
	off[++n] = len;
	len += snprintf(body + len, sizeof body - (size_t)len,
			"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	char kids[256] = "";
	for (int i = 0; i < pages; i++)
		snprintf(kids + strlen(kids), sizeof kids - strlen(kids), "%d 0 R ", 3 + 2 * i);
	off[++n] = len;
	len += snprintf(body + len, sizeof body - (size_t)len,
			"2 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n", kids, pages);
	const char *content = "0 0 0 rg 50 700 495 100 re f 0 0 1 rg 50 100 200 200 re f";
	for (int i = 0; i < pages; i++) {
		off[++n] = len;
		len += snprintf(body + len, sizeof body - (size_t)len,
				"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>\nendobj\n",
				3 + 2 * i, 4 + 2 * i);
		off[++n] = len;
		len += snprintf(body + len, sizeof body - (size_t)len,
				"%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", 4 + 2 * i,
				strlen(content), content);
	}
	int xref = len;
	len += snprintf(body + len, sizeof body - (size_t)len, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
	for (int i = 1; i <= n; i++)
		len += snprintf(body + len, sizeof body - (size_t)len, "%010ld 00000 n \n", off[i]);
	len += snprintf(body + len, sizeof body - (size_t)len,
			"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", n + 1, xref);
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(body, 1, (size_t)len, f) == (size_t)len;
	return fclose(f) == 0 && ok;
}

#endif
