/* render: the child that turns a material's page into pixels.  The child
 * writes a fixed header, then w x h RGBA pixels; the parent reads them
 * without blocking as the pipe fills.  The child leads its own process group
 * so that stopping it also stops a pdftoppm it started. */
#include "media/render.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/xalloc.h"

enum {
	FILE_MAX = 128 << 20,        /* above the service's 100 MB */
	PDFINFO_MAX = 64 << 10,
	PPM_OUT_MAX = 3 * RENDER_MAX_PIXELS + 64,   /* pdftoppm's PPM of the largest page allowed */
	DPI_MIN = 18, DPI_MAX = 600,
	CHILD_CPU_SECONDS = 120,
	EXEC_FAILED = 127,
	POPPLER_BAD_RANGE = 99,      /* poppler's tools on "Wrong page range given" */
};

struct render_head {
	char magic[4];               /* "AZR1" */
	int32_t status, w, h, native_w, pages;
};

struct render_job {
	pid_t pid;
	int fd;
	struct render_head head;
	size_t got_head;
	unsigned char *px;
	size_t got, need;
};

/* ------------------------------------------------------------ pure parts */

bool render_parse_pdfinfo(const char *text, int page, int *pages, double *w_pt, double *h_pt)
{
	*pages = 0;
	*w_pt = *h_pt = 0;
	int rot = 0;
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		int n, r;
		double w, h;
		if (sscanf(l, "Pages: %d", &n) == 1)
			*pages = n;
		else if (sscanf(l, "Page %d size: %lf x %lf", &n, &w, &h) == 3 && n == page) {
			*w_pt = w;
			*h_pt = h;
		} else if (sscanf(l, "Page %d rot: %d", &n, &r) == 2 && n == page)
			rot = r;
	}
	if (((rot % 360) + 360) % 180 == 90) {
		double t = *w_pt;
		*w_pt = *h_pt;
		*h_pt = t;
	}
	return *pages > 0 && *w_pt > 0 && *h_pt > 0;
}

int render_dpi(double w_pt, double h_pt, long box_w, long box_h)
{
	if (w_pt <= 0 || h_pt <= 0)
		return 72;
	double dpi = box_w > 0 ? box_w * 72.0 / w_pt : 150.0;
	if (box_h > 0 && box_h * 72.0 / h_pt < dpi)
		dpi = box_h * 72.0 / h_pt;
	int d = (int)dpi + ((double)(int)dpi < dpi);   /* up: the page fills the box */
	d = d < DPI_MIN ? DPI_MIN : d > DPI_MAX ? DPI_MAX : d;
	while (d > DPI_MIN && (w_pt * d / 72.0) * (h_pt * d / 72.0) > (double)RENDER_MAX_PIXELS)
		d--;
	return d;
}

/* ------------------------------------------------------------ the child */

static bool write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Runs argv with stdout into *out (at most max bytes); its exit status,
 * EXEC_FAILED when it could not run, -1 on other failures. */
static int run_capture(char *const argv[], unsigned char **out, size_t *len, size_t max)
{
	*out = NULL;
	*len = 0;
	int p[2];
	if (pipe(p) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(p[1], 1);
		dup2(null, 2);
		execvp(argv[0], argv);
		_exit(EXEC_FAILED);
	}
	close(p[1]);
	size_t cap = 0;
	unsigned char *buf = NULL;
	bool over = false;
	for (;;) {
		if (*len + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 17;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(p[0], buf + *len, cap - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*len += (size_t)r;
		if (*len > max) {
			over = true;
			kill(pid, SIGKILL);
			break;
		}
	}
	close(p[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*out = buf;
	if (over)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static enum render_status from_decode(enum decode_status d)
{
	return d == DECODE_OK ? RENDER_OK : d == DECODE_TOO_LARGE ? RENDER_TOO_LARGE : RENDER_BAD_FILE;
}

/* A PNG or JPEG: decoded at the size the box needs, upright. */
static enum render_status image_page(const struct render_req *rq, struct rgba *img, int *native_w,
				     int *turns)
{
	size_t n = 0;
	unsigned char *data = (unsigned char *)file_read_all(rq->file, FILE_MAX, &n);
	if (!data)
		return RENDER_BAD_FILE;
	enum decode_status d;
	int fw = 0, fh = 0;
	if (rq->kind == PICTURE_JPEG) {
		*turns = (*turns + decode_exif_turns(data, n)) & 3;
		bool across = *turns & 1;   /* the box is upright: turned, its sides swap */
		d = decode_jpeg(data, n, across ? rq->box_h : rq->box_w, across ? rq->box_w : rq->box_h,
				img, &fw, &fh);
	} else {
		d = decode_png(data, n, img);
		fw = img->w;
		fh = img->h;
	}
	free(data);
	*native_w = *turns & 1 ? fh : fw;
	return from_decode(d);
}

/* pdfinfo for page `page` (0: the whole file): its exit status, the page
 * count and the page's size when known. */
static int pdf_info(const char *file, int page, int *pages, double *w_pt, double *h_pt, bool *known)
{
	char first[16];
	snprintf(first, sizeof first, "%d", page);
	char *with_page[] = { "pdfinfo", "-f", first, "-l", first, (char *)file, NULL };
	char *whole[] = { "pdfinfo", (char *)file, NULL };
	unsigned char *out;
	size_t len;
	int st = run_capture(page > 0 ? with_page : whole, &out, &len, PDFINFO_MAX);
	*known = false;
	if (st == 0 && out) {
		out[len < PDFINFO_MAX ? len : PDFINFO_MAX - 1] = '\0';
		bool sized = render_parse_pdfinfo((char *)out, page, pages, w_pt, h_pt);
		*known = page > 0 ? sized : *pages > 0;   /* the whole file: its page count */
	}
	free(out);
	return st;
}

/* A PDF page: its size from pdfinfo, then pdftoppm at the resolution that
 * fills the box. */
static enum render_status pdf_page(const struct render_req *rq, struct rgba *img, int *native_w,
				   int *pages)
{
	double w_pt = 0, h_pt = 0;
	bool known;
	int st = pdf_info(rq->file, rq->page, pages, &w_pt, &h_pt, &known);
	if (st == EXEC_FAILED)
		return RENDER_NO_POPPLER;
	if (st == POPPLER_BAD_RANGE) {   /* no such page: how many there are */
		if (pdf_info(rq->file, 0, pages, &w_pt, &h_pt, &known) == 0 && known)
			return RENDER_NO_PAGE;
		return RENDER_BAD_FILE;
	}
	if (st != 0 || !known)
		return RENDER_BAD_FILE;
	if (rq->turns & 1) {
		double t = w_pt;
		w_pt = h_pt;
		h_pt = t;
	}
	int dpi = render_dpi(w_pt, h_pt, rq->box_w, rq->box_h);
	*native_w = (int)(w_pt * render_dpi(w_pt, h_pt, 1L << 20, 0) / 72.0);
	char first[16], dpi_s[16];
	snprintf(first, sizeof first, "%d", rq->page);
	snprintf(dpi_s, sizeof dpi_s, "%d", dpi);
	unsigned char *out;
	size_t len;
	/* PPM, pdftoppm's own format: raw pixels down the pipe.  -png costs
	 * 3 s of CPU on a grainy A4 scan at 97 dpi (its compression), PPM 0.1 s */
	char *ppm_argv[] = { "pdftoppm", "-r", dpi_s, "-f", first, "-l", first, (char *)rq->file, NULL };
	st = run_capture(ppm_argv, &out, &len, PPM_OUT_MAX);
	enum render_status rs;
	if (st == EXEC_FAILED)
		rs = RENDER_NO_POPPLER;
	else if (st == POPPLER_BAD_RANGE && len == 0)
		rs = RENDER_NO_PAGE;
	else if (st != 0 || len == 0)
		rs = st == 1 ? RENDER_BAD_FILE : RENDER_TOOL_FAILED;
	else
		rs = from_decode(decode_ppm(out, len, img));
	free(out);
	return rs;
}

static void child_main(const struct render_req *rq, int fd)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGWINCH, SIGPIPE, SIGCHLD };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	struct rlimit cpu = { CHILD_CPU_SECONDS, CHILD_CPU_SECONDS };
	setrlimit(RLIMIT_CPU, &cpu);
	/* the client's sockets and terminal are none of pdftoppm's business */
	if (fd != 3) {
		dup2(fd, 3);
		fd = 3;
	}
	close_range(4, ~0U, 0);
	int null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	if (null > 3)
		close(null);

	struct render_head h = { .magic = { 'A', 'Z', 'R', '1' }, .pages = 1 };
	struct rgba img = { 0 };
	int native_w = 0, pages = 1, turns = rq->turns & 3;
	enum render_status st = rq->kind == PICTURE_PDF ? pdf_page(rq, &img, &native_w, &pages)
			      : rq->kind == PICTURE_PNG || rq->kind == PICTURE_JPEG
				      ? image_page(rq, &img, &native_w, &turns)
				      : RENDER_BAD_FILE;
	if (st == RENDER_OK) {
		bool across = turns & 1;
		rgba_fit(&img, across ? rq->box_h : rq->box_w, across ? rq->box_w : rq->box_h,
			 RENDER_MAX_PIXELS);
		rgba_rotate(&img, turns);
		rgba_flatten(&img);
		h.w = img.w;
		h.h = img.h;
	}
	h.status = st;
	h.native_w = native_w;
	h.pages = pages;
	if (write_all(fd, &h, sizeof h) && st == RENDER_OK)
		write_all(fd, img.px, (size_t)img.w * (size_t)img.h * 4);
	_exit(0);
}

/* ------------------------------------------------------------ the parent */

struct render_job *render_start(const struct render_req *rq)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return NULL;
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return NULL;
	}
	if (pid == 0) {
		close(p[0]);
		child_main(rq, p[1]);
	}
	close(p[1]);
	setpgid(pid, pid);   /* also here: no race with the child's own call */
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	fcntl(p[0], F_SETPIPE_SZ, 1 << 20);   /* fewer wake-ups per picture */
	struct render_job *j = xcalloc(1, sizeof *j);
	j->pid = pid;
	j->fd = p[0];
	return j;
}

int render_fd(const struct render_job *j)
{
	return j->fd;
}

static void reap(struct render_job *j)
{
	if (j->pid > 0)
		while (waitpid(j->pid, NULL, 0) < 0 && errno == EINTR)
			;
	j->pid = 0;
}

static bool head_valid(const struct render_head *h)
{
	return memcmp(h->magic, "AZR1", 4) == 0 && h->status >= RENDER_OK && h->status <= RENDER_FAILED &&
	       (h->status != RENDER_OK ||
		(h->w > 0 && h->h > 0 && (long)h->w * (long)h->h <= RENDER_MAX_PIXELS));
}

enum render_status render_read(struct render_job *j, struct render_result *out)
{
	memset(out, 0, sizeof *out);
	for (;;) {
		bool in_head = j->got_head < sizeof j->head;
		ssize_t r = in_head ? read(j->fd, (char *)&j->head + j->got_head, sizeof j->head - j->got_head)
				    : read(j->fd, j->px + j->got, j->need - j->got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return RENDER_MORE;
		if (r <= 0) {   /* the child ended before it said everything */
			reap(j);
			return RENDER_FAILED;
		}
		if (in_head) {
			j->got_head += (size_t)r;
			if (j->got_head < sizeof j->head)
				continue;
			if (!head_valid(&j->head)) {
				reap(j);
				return RENDER_FAILED;
			}
			if (j->head.status != RENDER_OK) {
				reap(j);
				out->pages = j->head.pages;
				return (enum render_status)j->head.status;
			}
			j->need = (size_t)j->head.w * (size_t)j->head.h * 4;
			j->px = xmalloc(j->need);
			continue;
		}
		j->got += (size_t)r;
		if (j->got < j->need)
			continue;
		reap(j);
		out->img.px = j->px;
		out->img.w = j->head.w;
		out->img.h = j->head.h;
		out->native_w = j->head.native_w;
		out->pages = j->head.pages;
		j->px = NULL;
		return RENDER_OK;
	}
}

void render_free(struct render_job *j)
{
	if (!j)
		return;
	if (j->pid > 0) {
		kill(-j->pid, SIGKILL);   /* the child's group: its pdftoppm too */
		kill(j->pid, SIGKILL);
		reap(j);
	}
	close(j->fd);
	free(j->px);
	free(j);
}
