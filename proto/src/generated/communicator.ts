import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from './kiln/plugin/v1/Artifact.js';
import type { Attribute as _kiln_plugin_v1_Attribute, Attribute__Output as _kiln_plugin_v1_Attribute__Output } from './kiln/plugin/v1/Attribute.js';
import type { Block as _kiln_plugin_v1_Block, Block__Output as _kiln_plugin_v1_Block__Output } from './kiln/plugin/v1/Block.js';
import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from './kiln/plugin/v1/BuildContext.js';
import type { CommunicatorClient as _kiln_plugin_v1_CommunicatorClient, CommunicatorDefinition as _kiln_plugin_v1_CommunicatorDefinition } from './kiln/plugin/v1/Communicator.js';
import type { Diagnostic as _kiln_plugin_v1_Diagnostic, Diagnostic__Output as _kiln_plugin_v1_Diagnostic__Output } from './kiln/plugin/v1/Diagnostic.js';
import type { DownloadOutput as _kiln_plugin_v1_DownloadOutput, DownloadOutput__Output as _kiln_plugin_v1_DownloadOutput__Output } from './kiln/plugin/v1/DownloadOutput.js';
import type { DownloadRequest as _kiln_plugin_v1_DownloadRequest, DownloadRequest__Output as _kiln_plugin_v1_DownloadRequest__Output } from './kiln/plugin/v1/DownloadRequest.js';
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from './kiln/plugin/v1/Empty.js';
import type { ExecInput as _kiln_plugin_v1_ExecInput, ExecInput__Output as _kiln_plugin_v1_ExecInput__Output } from './kiln/plugin/v1/ExecInput.js';
import type { ExecOutput as _kiln_plugin_v1_ExecOutput, ExecOutput__Output as _kiln_plugin_v1_ExecOutput__Output } from './kiln/plugin/v1/ExecOutput.js';
import type { ExecStart as _kiln_plugin_v1_ExecStart, ExecStart__Output as _kiln_plugin_v1_ExecStart__Output } from './kiln/plugin/v1/ExecStart.js';
import type { Schema as _kiln_plugin_v1_Schema, Schema__Output as _kiln_plugin_v1_Schema__Output } from './kiln/plugin/v1/Schema.js';
import type { UploadInput as _kiln_plugin_v1_UploadInput, UploadInput__Output as _kiln_plugin_v1_UploadInput__Output } from './kiln/plugin/v1/UploadInput.js';
import type { UploadStart as _kiln_plugin_v1_UploadStart, UploadStart__Output as _kiln_plugin_v1_UploadStart__Output } from './kiln/plugin/v1/UploadStart.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  kiln: {
    plugin: {
      v1: {
        Artifact: MessageTypeDefinition<_kiln_plugin_v1_Artifact, _kiln_plugin_v1_Artifact__Output>
        Attribute: MessageTypeDefinition<_kiln_plugin_v1_Attribute, _kiln_plugin_v1_Attribute__Output>
        Block: MessageTypeDefinition<_kiln_plugin_v1_Block, _kiln_plugin_v1_Block__Output>
        BuildContext: MessageTypeDefinition<_kiln_plugin_v1_BuildContext, _kiln_plugin_v1_BuildContext__Output>
        Communicator: SubtypeConstructor<typeof grpc.Client, _kiln_plugin_v1_CommunicatorClient> & { service: _kiln_plugin_v1_CommunicatorDefinition }
        ComponentKind: EnumTypeDefinition
        Diagnostic: MessageTypeDefinition<_kiln_plugin_v1_Diagnostic, _kiln_plugin_v1_Diagnostic__Output>
        DownloadOutput: MessageTypeDefinition<_kiln_plugin_v1_DownloadOutput, _kiln_plugin_v1_DownloadOutput__Output>
        DownloadRequest: MessageTypeDefinition<_kiln_plugin_v1_DownloadRequest, _kiln_plugin_v1_DownloadRequest__Output>
        Empty: MessageTypeDefinition<_kiln_plugin_v1_Empty, _kiln_plugin_v1_Empty__Output>
        ExecInput: MessageTypeDefinition<_kiln_plugin_v1_ExecInput, _kiln_plugin_v1_ExecInput__Output>
        ExecOutput: MessageTypeDefinition<_kiln_plugin_v1_ExecOutput, _kiln_plugin_v1_ExecOutput__Output>
        ExecStart: MessageTypeDefinition<_kiln_plugin_v1_ExecStart, _kiln_plugin_v1_ExecStart__Output>
        Nesting: EnumTypeDefinition
        Schema: MessageTypeDefinition<_kiln_plugin_v1_Schema, _kiln_plugin_v1_Schema__Output>
        Severity: EnumTypeDefinition
        TransferKind: EnumTypeDefinition
        UploadInput: MessageTypeDefinition<_kiln_plugin_v1_UploadInput, _kiln_plugin_v1_UploadInput__Output>
        UploadStart: MessageTypeDefinition<_kiln_plugin_v1_UploadStart, _kiln_plugin_v1_UploadStart__Output>
      }
    }
  }
}

