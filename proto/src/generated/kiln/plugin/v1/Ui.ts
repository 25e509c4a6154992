// Original file: kiln/plugin/v1/core.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AskResponse as _kiln_plugin_v1_AskResponse, AskResponse__Output as _kiln_plugin_v1_AskResponse__Output } from '../../../kiln/plugin/v1/AskResponse.js';
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from '../../../kiln/plugin/v1/Empty.js';
import type { ProgressUpdate as _kiln_plugin_v1_ProgressUpdate, ProgressUpdate__Output as _kiln_plugin_v1_ProgressUpdate__Output } from '../../../kiln/plugin/v1/ProgressUpdate.js';
import type { UiMessage as _kiln_plugin_v1_UiMessage, UiMessage__Output as _kiln_plugin_v1_UiMessage__Output } from '../../../kiln/plugin/v1/UiMessage.js';

/**
 * Output to the user, attributed to the build named by session_id.
 */
export interface UiClient extends grpc.Client {
  /**
   * Asks the user a question (breakpoints, -on-error=ask); core answers
   * with the reply, or an error when it cannot ask.
   */
  Ask(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  Ask(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  Ask(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  Ask(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Asks the user a question (breakpoints, -on-error=ask); core answers
   * with the reply, or an error when it cannot ask.
   */
  ask(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  ask(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  ask(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  ask(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_AskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * An error line.
   */
  Error(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Error(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Error(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Error(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * An error line.
   */
  error(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  error(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  error(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  error(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Detail: "    build: text".
   */
  Message(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Message(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Message(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Message(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Detail: "    build: text".
   */
  message(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  message(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  message(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  message(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Progress of a long transfer; shown as a bar when stdout is a terminal.
   */
  Progress(argument: _kiln_plugin_v1_ProgressUpdate, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Progress(argument: _kiln_plugin_v1_ProgressUpdate, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Progress(argument: _kiln_plugin_v1_ProgressUpdate, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Progress(argument: _kiln_plugin_v1_ProgressUpdate, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Progress of a long transfer; shown as a bar when stdout is a terminal.
   */
  progress(argument: _kiln_plugin_v1_ProgressUpdate, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  progress(argument: _kiln_plugin_v1_ProgressUpdate, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  progress(argument: _kiln_plugin_v1_ProgressUpdate, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  progress(argument: _kiln_plugin_v1_ProgressUpdate, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * A headline: "==> build: text".
   */
  Say(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Say(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Say(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  Say(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * A headline: "==> build: text".
   */
  say(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  say(argument: _kiln_plugin_v1_UiMessage, metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  say(argument: _kiln_plugin_v1_UiMessage, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  say(argument: _kiln_plugin_v1_UiMessage, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Output to the user, attributed to the build named by session_id.
 */
export interface UiHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Asks the user a question (breakpoints, -on-error=ask); core answers
   * with the reply, or an error when it cannot ask.
   */
  Ask: grpc.handleUnaryCall<_kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_AskResponse>;
  
  /**
   * An error line.
   */
  Error: grpc.handleUnaryCall<_kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_Empty>;
  
  /**
   * Detail: "    build: text".
   */
  Message: grpc.handleUnaryCall<_kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_Empty>;
  
  /**
   * Progress of a long transfer; shown as a bar when stdout is a terminal.
   */
  Progress: grpc.handleUnaryCall<_kiln_plugin_v1_ProgressUpdate__Output, _kiln_plugin_v1_Empty>;
  
  /**
   * A headline: "==> build: text".
   */
  Say: grpc.handleUnaryCall<_kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_Empty>;
  
}

export interface UiDefinition extends grpc.ServiceDefinition {
  Ask: MethodDefinition<_kiln_plugin_v1_UiMessage, _kiln_plugin_v1_AskResponse, _kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_AskResponse__Output>
  Error: MethodDefinition<_kiln_plugin_v1_UiMessage, _kiln_plugin_v1_Empty, _kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_Empty__Output>
  Message: MethodDefinition<_kiln_plugin_v1_UiMessage, _kiln_plugin_v1_Empty, _kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_Empty__Output>
  Progress: MethodDefinition<_kiln_plugin_v1_ProgressUpdate, _kiln_plugin_v1_Empty, _kiln_plugin_v1_ProgressUpdate__Output, _kiln_plugin_v1_Empty__Output>
  Say: MethodDefinition<_kiln_plugin_v1_UiMessage, _kiln_plugin_v1_Empty, _kiln_plugin_v1_UiMessage__Output, _kiln_plugin_v1_Empty__Output>
}
