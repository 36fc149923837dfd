/* bell: the terminal bell, or a sound command started in the background. */
#include "client/bell.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Forks twice so the command's process belongs to init, not to us: it may
 * play for as long as it likes, and nobody has to reap it. */
static void spawn_detached(const char *command)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			int fd = open("/dev/null", O_RDWR);
			if (fd >= 0) {   /* the terminal belongs to curses */
				dup2(fd, 0);
				dup2(fd, 1);
				dup2(fd, 2);
			}
			setsid();
			execl("/bin/sh", "sh", "-c", command, (char *)NULL);
			_exit(127);
		}
		_exit(0);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
}

void bell_ring(const char *command)
{
	if (command && *command)
		spawn_detached(command);
	else
		beep();
}
