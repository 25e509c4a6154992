import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from './kiln/plugin/v1/Artifact.js';
import type { Attribute as _kiln_plugin_v1_Attribute, Attribute__Output as _kiln_plugin_v1_Attribute__Output } from './kiln/plugin/v1/Attribute.js';
import type { Block as _kiln_plugin_v1_Block, Block__Output as _kiln_plugin_v1_Block__Output } from './kiln/plugin/v1/Block.js';
import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from './kiln/plugin/v1/BuildContext.js';
import type { Component as _kiln_plugin_v1_Component, Component__Output as _kiln_plugin_v1_Component__Output } from './kiln/plugin/v1/Component.js';
import type { ConnectRequest as _kiln_plugin_v1_ConnectRequest, ConnectRequest__Output as _kiln_plugin_v1_ConnectRequest__Output } from './kiln/plugin/v1/ConnectRequest.js';
import type { DescribeRequest as _kiln_plugin_v1_DescribeRequest, DescribeRequest__Output as _kiln_plugin_v1_DescribeRequest__Output } from './kiln/plugin/v1/DescribeRequest.js';
import type { DescribeResponse as _kiln_plugin_v1_DescribeResponse, DescribeResponse__Output as _kiln_plugin_v1_DescribeResponse__Output } from './kiln/plugin/v1/DescribeResponse.js';
import type { DestroyArtifactRequest as _kiln_plugin_v1_DestroyArtifactRequest, DestroyArtifactRequest__Output as _kiln_plugin_v1_DestroyArtifactRequest__Output } from './kiln/plugin/v1/DestroyArtifactRequest.js';
import type { Diagnostic as _kiln_plugin_v1_Diagnostic, Diagnostic__Output as _kiln_plugin_v1_Diagnostic__Output } from './kiln/plugin/v1/Diagnostic.js';
import type { Empty as _kiln_plugin_v1_Empty, Empty__Output as _kiln_plugin_v1_Empty__Output } from './kiln/plugin/v1/Empty.js';
import type { GetSchemaRequest as _kiln_plugin_v1_GetSchemaRequest, GetSchemaRequest__Output as _kiln_plugin_v1_GetSchemaRequest__Output } from './kiln/plugin/v1/GetSchemaRequest.js';
import type { GetSchemaResponse as _kiln_plugin_v1_GetSchemaResponse, GetSchemaResponse__Output as _kiln_plugin_v1_GetSchemaResponse__Output } from './kiln/plugin/v1/GetSchemaResponse.js';
import type { PluginClient as _kiln_plugin_v1_PluginClient, PluginDefinition as _kiln_plugin_v1_PluginDefinition } from './kiln/plugin/v1/Plugin.js';
import type { Schema as _kiln_plugin_v1_Schema, Schema__Output as _kiln_plugin_v1_Schema__Output } from './kiln/plugin/v1/Schema.js';
import type { ShutdownRequest as _kiln_plugin_v1_ShutdownRequest, ShutdownRequest__Output as _kiln_plugin_v1_ShutdownRequest__Output } from './kiln/plugin/v1/ShutdownRequest.js';

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
        Component: MessageTypeDefinition<_kiln_plugin_v1_Component, _kiln_plugin_v1_Component__Output>
        ComponentKind: EnumTypeDefinition
        ConnectRequest: MessageTypeDefinition<_kiln_plugin_v1_ConnectRequest, _kiln_plugin_v1_ConnectRequest__Output>
        DescribeRequest: MessageTypeDefinition<_kiln_plugin_v1_DescribeRequest, _kiln_plugin_v1_DescribeRequest__Output>
        DescribeResponse: MessageTypeDefinition<_kiln_plugin_v1_DescribeResponse, _kiln_plugin_v1_DescribeResponse__Output>
        DestroyArtifactRequest: MessageTypeDefinition<_kiln_plugin_v1_DestroyArtifactRequest, _kiln_plugin_v1_DestroyArtifactRequest__Output>
        Diagnostic: MessageTypeDefinition<_kiln_plugin_v1_Diagnostic, _kiln_plugin_v1_Diagnostic__Output>
        Empty: MessageTypeDefinition<_kiln_plugin_v1_Empty, _kiln_plugin_v1_Empty__Output>
        GetSchemaRequest: MessageTypeDefinition<_kiln_plugin_v1_GetSchemaRequest, _kiln_plugin_v1_GetSchemaRequest__Output>
        GetSchemaResponse: MessageTypeDefinition<_kiln_plugin_v1_GetSchemaResponse, _kiln_plugin_v1_GetSchemaResponse__Output>
        Nesting: EnumTypeDefinition
        /**
         * Served by every plugin. Core calls Describe right after the handshake.
         */
        Plugin: SubtypeConstructor<typeof grpc.Client, _kiln_plugin_v1_PluginClient> & { service: _kiln_plugin_v1_PluginDefinition }
        Schema: MessageTypeDefinition<_kiln_plugin_v1_Schema, _kiln_plugin_v1_Schema__Output>
        Severity: EnumTypeDefinition
        ShutdownRequest: MessageTypeDefinition<_kiln_plugin_v1_ShutdownRequest, _kiln_plugin_v1_ShutdownRequest__Output>
      }
    }
  }
}

