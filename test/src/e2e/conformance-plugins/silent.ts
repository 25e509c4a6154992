#!/usr/bin/env node
/** A plugin that never handshakes, for the conformance suite: the kit must not wait for it forever. */
process.stderr.write('thinking about it\n');
setInterval(() => {}, 1000);
