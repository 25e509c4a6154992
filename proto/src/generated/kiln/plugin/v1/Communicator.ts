// Original file: kiln/plugin/v1/communicator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DownloadOutput as _kiln_plugin_v1_DownloadOutput, DownloadOutput__Output as _kiln_plugin_v1_DownloadOutput__Output } from '../../../kiln/plugin/v1/DownloadOutput.js';
import type { DownloadRequest as _kiln_plugin_v1_DownloadRequest, DownloadRequest__Output as _kiln_plugin_v1_DownloadRequest__Output } from '../../../kiln/plugin/v1/DownloadRequest.js';
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from '../../../kiln/plugin/v1/Empty.js';
import type { ExecInput as _kiln_plugin_v1_ExecInput, ExecInput__Output as _kiln_plugin_v1_ExecInput__Output } from '../../../kiln/plugin/v1/ExecInput.js';
import type { ExecOutput as _kiln_plugin_v1_ExecOutput, ExecOutput__Output as _kiln_plugin_v1_ExecOutput__Output } from '../../../kiln/plugin/v1/ExecOutput.js';
import type { UploadInput as _kiln_plugin_v1_UploadInput, UploadInput__Output as _kiln_plugin_v1_UploadInput__Output } from '../../../kiln/plugin/v1/UploadInput.js';

export interface CommunicatorClient extends grpc.Client {
  /**
   * Downloads a file or a directory (as a tar stream). When `local_path` is
   * set the server writes there itself and sends no chunks.
   */
  Download(argument: _kiln_plugin_v1_DownloadRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_kiln_plugin_v1_DownloadOutput__Output>;
  Download(argument: _kiln_plugin_v1_DownloadRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_kiln_plugin_v1_DownloadOutput__Output>;
  /**
   * Downloads a file or a directory (as a tar stream). When `local_path` is
   * set the server writes there itself and sends no chunks.
   */
  download(argument: _kiln_plugin_v1_DownloadRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_kiln_plugin_v1_DownloadOutput__Output>;
  download(argument: _kiln_plugin_v1_DownloadRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_kiln_plugin_v1_DownloadOutput__Output>;
  
  /**
   * Runs a command. The first input message is `start`; then stdin chunks,
   * then `stdin_close`. Output streams stdout and stderr chunks and ends with
   * exactly one `exit_status`. Cancelling the call stops the command.
   */
  Exec(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_kiln_plugin_v1_ExecInput, _kiln_plugin_v1_ExecOutput__Output>;
  Exec(options?: grpc.CallOptions): grpc.ClientDuplexStream<_kiln_plugin_v1_ExecInput, _kiln_plugin_v1_ExecOutput__Output>;
  /**
   * Runs a command. The first input message is `start`; then stdin chunks,
   * then `stdin_close`. Output streams stdout and stderr chunks and ends with
   * exactly one `exit_status`. Cancelling the call stops the command.
   */
  exec(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_kiln_plugin_v1_ExecInput, _kiln_plugin_v1_ExecOutput__Output>;
  exec(options?: grpc.CallOptions): grpc.ClientDuplexStream<_kiln_plugin_v1_ExecInput, _kiln_plugin_v1_ExecOutput__Output>;
  
  /**
   * Uploads a file or a directory. The first message is `start`; then data
   * chunks: the file's bytes, or a tar stream of the directory. When
   * `start.local_path` is set (both ends share the disk) no chunks follow.
   */
  Upload(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  Upload(metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  Upload(options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  Upload(callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  /**
   * Uploads a file or a directory. The first message is `start`; then data
   * chunks: the file's bytes, or a tar stream of the directory. When
   * `start.local_path` is set (both ends share the disk) no chunks follow.
   */
  upload(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  upload(metadata: grpc.Metadata, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  upload(options: grpc.CallOptions, callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  upload(callback: grpc.requestCallback<_kiln_plugin_v1_Empty__Output>): grpc.ClientWritableStream<_kiln_plugin_v1_UploadInput>;
  
}

export interface CommunicatorHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Downloads a file or a directory (as a tar stream). When `local_path` is
   * set the server writes there itself and sends no chunks.
   */
  Download: grpc.handleServerStreamingCall<_kiln_plugin_v1_DownloadRequest__Output, _kiln_plugin_v1_DownloadOutput>;
  
  /**
   * Runs a command. The first input message is `start`; then stdin chunks,
   * then `stdin_close`. Output streams stdout and stderr chunks and ends with
   * exactly one `exit_status`. Cancelling the call stops the command.
   */
  Exec: grpc.handleBidiStreamingCall<_kiln_plugin_v1_ExecInput__Output, _kiln_plugin_v1_ExecOutput>;
  
  /**
   * Uploads a file or a directory. The first message is `start`; then data
   * chunks: the file's bytes, or a tar stream of the directory. When
   * `start.local_path` is set (both ends share the disk) no chunks follow.
   */
  Upload: grpc.handleClientStreamingCall<_kiln_plugin_v1_UploadInput__Output, _kiln_plugin_v1_Empty>;
  
}

export interface CommunicatorDefinition extends grpc.ServiceDefinition {
  Download: MethodDefinition<_kiln_plugin_v1_DownloadRequest, _kiln_plugin_v1_DownloadOutput, _kiln_plugin_v1_DownloadRequest__Output, _kiln_plugin_v1_DownloadOutput__Output>
  Exec: MethodDefinition<_kiln_plugin_v1_ExecInput, _kiln_plugin_v1_ExecOutput, _kiln_plugin_v1_ExecInput__Output, _kiln_plugin_v1_ExecOutput__Output>
  Upload: MethodDefinition<_kiln_plugin_v1_UploadInput, _kiln_plugin_v1_Empty, _kiln_plugin_v1_UploadInput__Output, _kiln_plugin_v1_Empty__Output>
}
