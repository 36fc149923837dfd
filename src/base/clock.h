/* clock: monotonic seconds, for timing transfers, flashes and waits. */
#ifndef ANZHI_BASE_CLOCK_H
#define ANZHI_BASE_CLOCK_H

double clock_now(void);

#endif
