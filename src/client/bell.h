/* bell: the sound on an error for those who asked for it (`bell = yes`) —
 * the terminal's bell, or a command run as a process of its own
 * (`bell_command = paplay /usr/share/sounds/…`), never waited for. */
#ifndef ANZHI_BELL_H
#define ANZHI_BELL_H

/* Rings: beep() when command is NULL or empty, else `sh -c command` with
 * stdin/stdout/stderr on /dev/null, detached (no zombie is left behind). */
void bell_ring(const char *command);

#endif
