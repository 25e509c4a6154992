// Original file: kiln/plugin/v1/plugin.proto


export interface ConnectRequest {
  /**
   * gRPC target of core's services, e.g. "unix:/tmp/kiln-x/core.sock".
   */
  'coreAddress'?: (string);
  /**
   * Sent as `kiln-token` metadata on every call to core.
   */
  'coreToken'?: (string);
}

export interface ConnectRequest__Output {
  /**
   * gRPC target of core's services, e.g. "unix:/tmp/kiln-x/core.sock".
   */
  'coreAddress': (string);
  /**
   * Sent as `kiln-token` metadata on every call to core.
   */
  'coreToken': (string);
}
