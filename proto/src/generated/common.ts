import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from './kiln/plugin/v1/Artifact.js';
import type { Attribute as _kiln_plugin_v1_Attribute, Attribute__Output as _kiln_plugin_v1_Attribute__Output } from './kiln/plugin/v1/Attribute.js';
import type { Block as _kiln_plugin_v1_Block, Block__Output as _kiln_plugin_v1_Block__Output } from './kiln/plugin/v1/Block.js';
import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from './kiln/plugin/v1/BuildContext.js';
import type { Diagnostic as _kiln_plugin_v1_Diagnostic, Diagnostic__Output as _kiln_plugin_v1_Diagnostic__Output } from './kiln/plugin/v1/Diagnostic.js';
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from './kiln/plugin/v1/Empty.js';
import type { Schema as _kiln_plugin_v1_Schema, Schema__Output as _kiln_plugin_v1_Schema__Output } from './kiln/plugin/v1/Schema.js';

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
        ComponentKind: EnumTypeDefinition
        Diagnostic: MessageTypeDefinition<_kiln_plugin_v1_Diagnostic, _kiln_plugin_v1_Diagnostic__Output>
        Empty: MessageTypeDefinition<_kiln_plugin_v1_Empty, _kiln_plugin_v1_Empty__Output>
        Nesting: EnumTypeDefinition
        Schema: MessageTypeDefinition<_kiln_plugin_v1_Schema, _kiln_plugin_v1_Schema__Output>
        Severity: EnumTypeDefinition
      }
    }
  }
}

