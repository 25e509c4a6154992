/**
 * The plugin contract version this core speaks (kiln.plugin.v1). Kept here
 * so that discovery does not load the gRPC stack; equal to
 * PROTOCOL_VERSION of @kiln/proto (a unit test checks it).
 */
export const PLUGIN_PROTOCOL = 1;
