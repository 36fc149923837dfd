# keymaps.mk — compiles keymaps/*.keys into the client as C strings
# ($(B)/gen/keymaps.c, by scripts/embed.sh) and regenerates doc/anzhi-keys.5
# (`make doc`) from the action table and those keymaps.

KEYMAP_FILES := $(sort $(wildcard keymaps/*.keys))
GEN_TARGETS  += $(B)/gen/keymaps.c

$(B)/gen/keymaps.c: $(KEYMAP_FILES) scripts/embed.sh mk/keymaps.mk
	@mkdir -p $(@D)
	scripts/embed.sh $@ $(KEYMAP_FILES)

# The man page writer is help_write_man(); the keysdoc test binary prints it
# with --write-man (and fails when the committed page is stale).
.PHONY: doc
doc: $(B)/tests/unit/test_client_keysdoc
	$(B)/tests/unit/test_client_keysdoc --write-man > doc/anzhi-keys.5.tmp
	mv doc/anzhi-keys.5.tmp doc/anzhi-keys.5
