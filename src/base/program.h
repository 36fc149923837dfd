/* program: is a program on $PATH, is there a desktop to show a window on —
 * what "open with the system viewer" asks before it runs anything. */
#ifndef ANZHI_BASE_PROGRAM_H
#define ANZHI_BASE_PROGRAM_H

#include <stdbool.h>

/* An executable file named prog in one of $PATH's directories. */
bool program_on_path(const char *prog);

/* DISPLAY or WAYLAND_DISPLAY set: a graphical session to open a window in. */
bool program_has_display(void);

#endif
