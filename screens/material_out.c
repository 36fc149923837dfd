/* material_out: saving a material and handing it to another program.  A
 * graphical viewer is started on its own (its own session, no terminal) and
 * not waited for; a terminal one gets the terminal (app_run_external); the
 * text of a copiousoutput one is read in the client's pager. */
#include "screens/material_out.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/program.h"
#include "base/mailcap.h"
#include "base/xalloc.h"
#include "screens/screens.h"
#include "ui/text.h"

enum { OUTPUT_MAX = 1 << 20, OUTPUT_SECONDS = 20, TEST_SECONDS = 5 };

/* ------------------------------------------------------------ saving */

bool material_save_target(const char *typed, const char *name, char *out, size_t outsz)
{
	const char *home = getenv("HOME");
	int n;
	if (typed[0] == '~' && (typed[1] == '/' || !typed[1]) && home && *home)
		n = snprintf(out, outsz, "%s%s", home, typed + 1);
	else
		n = snprintf(out, outsz, "%s", typed);
	if (n < 0 || (size_t)n >= outsz)
		return false;
	struct stat st;
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t len = strlen(out);
		n = snprintf(out + len, outsz - len, "%s%s", len && out[len - 1] == '/' ? "" : "/", name);
		return n > 0 && (size_t)n < outsz - len;
	}
	return true;
}

void material_safe_name(const char *name, char *out, size_t outsz)
{
	char *clean = text_clean(name ? name : "");
	size_t j = 0;
	for (const char *p = clean; *p && j + 1 < outsz; p++) {
		if (j == 0 && (*p == '.' || *p == ' '))
			continue;
		out[j++] = *p == '/' || *p == '\\' ? '_' : *p;
	}
	out[j] = '\0';
	free(clean);
	if (!j)
		snprintf(out, outsz, "%s", _("material"));
}

static bool copy_fd(int in, int out)
{
	char buf[1 << 16];
	for (;;) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return false;
		if (r == 0)
			return true;
		for (ssize_t o = 0; o < r;) {
			ssize_t w = write(out, buf + o, (size_t)(r - o));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return false;
			o += w;
		}
	}
}

static const struct {
	int err;
	const char *words;
} errno_words[] = {
	{ ENOENT, N_("the folder does not exist") },
	{ ENOTDIR, N_("part of the path is not a folder") },
	{ EACCES, N_("no permission to write there") },
	{ EPERM, N_("no permission to write there") },
	{ EROFS, N_("the disk is read-only") },
	{ ENOSPC, N_("the disk is full") },
	{ EDQUOT, N_("the disk quota is used up") },
	{ ENAMETOOLONG, N_("the name is too long") },
	{ EISDIR, N_("that is a folder") },
};

const char *material_errno_words(int err)
{
	for (size_t i = 0; i < sizeof errno_words / sizeof errno_words[0]; i++)
		if (errno_words[i].err == err)
			return _(errno_words[i].words);
	return _("the system refused it");
}

enum save_result material_save(const char *from, const char *to, bool overwrite, int *err)
{
	if (!overwrite && access(to, F_OK) == 0)
		return SAVE_EXISTS;
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.anzhi-XXXXXX", to);
	int out = mkstemp(tmp);   /* 0600 */
	if (out < 0) {
		*err = errno;
		return SAVE_FAILED;
	}
	int in = open(from, O_RDONLY | O_CLOEXEC);
	bool ok = in >= 0 && copy_fd(in, out);
	int saved = errno;
	if (in >= 0)
		close(in);
	ok = close(out) == 0 && ok;
	/* link() refuses an existing name: a file that appeared meanwhile is
	 * still not overwritten */
	if (ok && (overwrite ? rename(tmp, to) : link(tmp, to)) != 0) {
		saved = errno;
		ok = false;
	}
	unlink(tmp);   /* after link(); gone already after rename() */
	if (!ok && saved == EEXIST)
		return SAVE_EXISTS;
	if (!ok)
		*err = saved;
	return ok ? SAVE_DONE : SAVE_FAILED;
}

/* ------------------------------------------------------------ programs */

/* A child with standard input, output and error on /dev/null (or out on
 * fd_out), the client's other descriptors closed. */
static pid_t spawn(char *const argv[], int fd_out, bool new_session)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	int null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(fd_out >= 0 ? fd_out : null, 1);
	dup2(null, 2);
	close_range(3, ~0U, 0);
	signal(SIGPIPE, SIG_DFL);
	if (new_session)
		setsid();
	execvp(argv[0], argv);
	_exit(127);
}

static int wait_for(pid_t pid, int seconds)
{
	int st = 0;
	for (int i = 0; i < seconds * 20; i++) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		if (r < 0 && errno != EINTR)
			return -1;
		struct timespec t = { 0, 50 * 1000 * 1000 };
		nanosleep(&t, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

/* A graphical viewer: started in its own session and not waited for (the
 * middle child exits at once, so no zombie is left). */
static bool start_detached(char *const argv[])
{
	pid_t mid = fork();
	if (mid < 0)
		return false;
	if (mid == 0) {
		pid_t pid = spawn(argv, -1, true);
		_exit(pid > 0 ? 0 : 1);
	}
	int st = 0;
	while (waitpid(mid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* A mailcap test= command: true when it exits 0 within a few seconds. */
static bool mailcap_test_ok(const struct mailcap_entry *e, void *ctx)
{
	const char *const *fm = ctx;   /* file, mime */
	char cmd[2048];
	if (!mailcap_expand(e->test, fm[0], fm[1], cmd, sizeof cmd))
		return false;
	char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	pid_t pid = spawn(argv, -1, false);
	return pid > 0 && wait_for(pid, TEST_SECONDS) == 0;
}

/* A copiousoutput entry: its text (at most 1 MB, within 20 s) into the pager. */
static void page_output(struct view *v, const char *cmd, const char *title, const char *prog)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return;
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };
	pid_t pid = spawn(argv, p[1], false);
	close(p[1]);
	char *text = xmalloc(OUTPUT_MAX + 1);
	size_t len = 0;
	time_t end = time(NULL) + OUTPUT_SECONDS;
	while (pid > 0 && len < OUTPUT_MAX && time(NULL) < end) {
		struct pollfd pf = { p[0], POLLIN, 0 };
		if (poll(&pf, 1, 1000) <= 0)
			continue;
		ssize_t r = read(p[0], text + len, OUTPUT_MAX - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(p[0]);
	text[len] = '\0';
	int st = pid > 0 ? wait_for(pid, 1) : -1;
	if (st != 0 && len == 0) {
		app_flash(v->app, true, _("The viewer %s ended with status %d"), prog, st);
	} else {
		json_t *j = json_pack("{s:s, s:s, s:s}", "title", title, "created_at", "", "body", text);
		app_push(v->app, &screen_pager, &(struct screen_args){ .json = j });
		json_decref(j);
	}
	free(text);
}

void material_open_outside(struct view *v, const char *file, const char *mime, const char *title)
{
	const char *mine = getenv("ANZHI_VIEWER");
	if (mine && *mine) {
		char *argv[] = { (char *)mine, (char *)file, NULL };
		int st = app_run_external(v->app, argv);
		if (st != 0)
			app_flash(v->app, true, _("The viewer %s ended with status %d"), mine, st);
		return;
	}
	bool display = program_has_display();
	char *caps = mailcap_read();
	struct mailcap_entry e;
	const char *fm[2] = { file, mime };
	bool found = mailcap_pick(caps, mime, display, mailcap_test_ok, (void *)fm, &e);
	free(caps);
	char cmd[2048], prog[64];
	if (found && mailcap_expand(e.view, file, mime, cmd, sizeof cmd)) {
		char *argv[] = { "/bin/sh", "-c", cmd, NULL };
		snprintf(prog, sizeof prog, "%.*s", (int)strcspn(e.view, " \t"), e.view);
		if (e.copiousoutput) {
			page_output(v, cmd, title, prog);
		} else if (e.needsterminal) {
			int st = app_run_external(v->app, argv);
			if (st != 0)
				app_flash(v->app, true, _("The viewer %s ended with status %d"), prog, st);
		} else if (start_detached(argv)) {
			app_flash(v->app, false, _("Opened with %s"), prog);
		}
		return;
	}
	if (display && program_on_path("xdg-open")) {
		char *argv[] = { "xdg-open", (char *)file, NULL };
		if (start_detached(argv))
			app_flash(v->app, false, _("Opened with %s"), "xdg-open");
		return;
	}
	char key[32];
	app_keys_for(v, ACT_SAVE_AS, key, sizeof key);
	if (display)
		app_flash(v->app, true, _("No program opens %s here (no mailcap entry, no xdg-open): save it with %s"),
			  mime, key);
	else
		app_flash(v->app, true,
			  _("No graphical display (DISPLAY and WAYLAND_DISPLAY are unset) and no terminal viewer for %s in mailcap: save it with %s"),
			  mime, key);
}
