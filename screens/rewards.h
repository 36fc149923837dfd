/* rewards: how other screens reach the over-quota reward — a unit's user
 * its application of the year, federation staff the review queue. */
#ifndef ANZHI_SCREENS_REWARDS_H
#define ANZHI_SCREENS_REWARDS_H

#include "screens/screens.h"

/* An action handler (ACT_REWARDS): pushes screen_reward for year (0: the
 * session's) when the session acts for a unit, else screen_rewards. */
unsigned rewards_go(struct view *v, int year);

/* The same as action handlers for the screens of federation staff (the
 * queue, the notices): ACT_REWARDS for the session's year, ACT_POLICIES
 * opens the policy documents (政策法规). */
unsigned rewards_act(struct view *v, enum action a);
unsigned policies_act(struct view *v, enum action a);

#endif
