import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from './kiln/plugin/v1/Artifact.js';
import type { AskResponse as _kiln_plugin_v1_AskResponse, AskResponse__Output as _kiln_plugin_v1_AskResponse__Output } from './kiln/plugin/v1/AskResponse.js';
import type { Attribute as _kiln_plugin_v1_Attribute, Attribute__Output as _kiln_plugin_v1_Attribute__Output } from './kiln/plugin/v1/Attribute.js';
import type { Block as _kiln_plugin_v1_Block, Block__Output as _kiln_plugin_v1_Block__Output } from './kiln/plugin/v1/Block.js';
import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from './kiln/plugin/v1/BuildContext.js';
import type { Diagnostic as _kiln_plugin_v1_Diagnostic, Diagnostic__Output as _kiln_plugin_v1_Diagnostic__Output } from './kiln/plugin/v1/Diagnostic.js';
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from './kiln/plugin/v1/Empty.js';
import type { HookClient as _kiln_plugin_v1_HookClient, HookDefinition as _kiln_plugin_v1_HookDefinition } from './kiln/plugin/v1/Hook.js';
import type { HookRunRequest as _kiln_plugin_v1_HookRunRequest, HookRunRequest__Output as _kiln_plugin_v1_HookRunRequest__Output } from './kiln/plugin/v1/HookRunRequest.js';
import type { ProgressUpdate as _kiln_plugin_v1_ProgressUpdate, ProgressUpdate__Output as _kiln_plugin_v1_ProgressUpdate__Output } from './kiln/plugin/v1/ProgressUpdate.js';
import type { Schema as _kiln_plugin_v1_Schema, Schema__Output as _kiln_plugin_v1_Schema__Output } from './kiln/plugin/v1/Schema.js';
import type { UiClient as _kiln_plugin_v1_UiClient, UiDefinition as _kiln_plugin_v1_UiDefinition } from './kiln/plugin/v1/Ui.js';
import type { UiMessage as _kiln_plugin_v1_UiMessage, UiMessage__Output as _kiln_plugin_v1_UiMessage__Output } from './kiln/plugin/v1/UiMessage.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  kiln: {
    plugin: {
      v1: {
        Artifact: MessageTypeDefinition<_kiln_plugin_v1_Artifact, _kiln_plugin_v1_Artifact__Output>
        AskResponse: MessageTypeDefinition<_kiln_plugin_v1_AskResponse, _kiln_plugin_v1_AskResponse__Output>
        Attribute: MessageTypeDefinition<_kiln_plugin_v1_Attribute, _kiln_plugin_v1_Attribute__Output>
        Block: MessageTypeDefinition<_kiln_plugin_v1_Block, _kiln_plugin_v1_Block__Output>
        BuildContext: MessageTypeDefinition<_kiln_plugin_v1_BuildContext, _kiln_plugin_v1_BuildContext__Output>
        ComponentKind: EnumTypeDefinition
        Diagnostic: MessageTypeDefinition<_kiln_plugin_v1_Diagnostic, _kiln_plugin_v1_Diagnostic__Output>
        Empty: MessageTypeDefinition<_kiln_plugin_v1_Empty, _kiln_plugin_v1_Empty__Output>
        /**
         * Hooks a builder calls during Run. "provision" runs the template's
         * provisioners for this build against the given communicator.
         */
        Hook: SubtypeConstructor<typeof grpc.Client, _kiln_plugin_v1_HookClient> & { service: _kiln_plugin_v1_HookDefinition }
        HookRunRequest: MessageTypeDefinition<_kiln_plugin_v1_HookRunRequest, _kiln_plugin_v1_HookRunRequest__Output>
        Nesting: EnumTypeDefinition
        ProgressUpdate: MessageTypeDefinition<_kiln_plugin_v1_ProgressUpdate, _kiln_plugin_v1_ProgressUpdate__Output>
        Schema: MessageTypeDefinition<_kiln_plugin_v1_Schema, _kiln_plugin_v1_Schema__Output>
        Severity: EnumTypeDefinition
        /**
         * Output to the user, attributed to the build named by session_id.
         */
        Ui: SubtypeConstructor<typeof grpc.Client, _kiln_plugin_v1_UiClient> & { service: _kiln_plugin_v1_UiDefinition }
        UiMessage: MessageTypeDefinition<_kiln_plugin_v1_UiMessage, _kiln_plugin_v1_UiMessage__Output>
      }
    }
  }
}

