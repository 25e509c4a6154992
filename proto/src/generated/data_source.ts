import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Artifact as _kiln_plugin_v1_Artifact, Artifact__Output as _kiln_plugin_v1_Artifact__Output } from './kiln/plugin/v1/Artifact.js';
import type { Attribute as _kiln_plugin_v1_Attribute, Attribute__Output as _kiln_plugin_v1_Attribute__Output } from './kiln/plugin/v1/Attribute.js';
import type { Block as _kiln_plugin_v1_Block, Block__Output as _kiln_plugin_v1_Block__Output } from './kiln/plugin/v1/Block.js';
import type { BuildContext as _kiln_plugin_v1_BuildContext, BuildContext__Output as _kiln_plugin_v1_BuildContext__Output } from './kiln/plugin/v1/BuildContext.js';
import type { DataSourceClient as _kiln_plugin_v1_DataSourceClient, DataSourceDefinition as _kiln_plugin_v1_DataSourceDefinition } from './kiln/plugin/v1/DataSource.js';
import type { DataSourceConfigureRequest as _kiln_plugin_v1_DataSourceConfigureRequest, DataSourceConfigureRequest__Output as _kiln_plugin_v1_DataSourceConfigureRequest__Output } from './kiln/plugin/v1/DataSourceConfigureRequest.js';
import type { DataSourceConfigureResponse as _kiln_plugin_v1_DataSourceConfigureResponse, DataSourceConfigureResponse__Output as _kiln_plugin_v1_DataSourceConfigureResponse__Output } from './kiln/plugin/v1/DataSourceConfigureResponse.js';
import type { DataSourceExecuteRequest as _kiln_plugin_v1_DataSourceExecuteRequest, DataSourceExecuteRequest__Output as _kiln_plugin_v1_DataSourceExecuteRequest__Output } from './kiln/plugin/v1/DataSourceExecuteRequest.js';
import type { DataSourceExecuteResponse as _kiln_plugin_v1_DataSourceExecuteResponse, DataSourceExecuteResponse__Output as _kiln_plugin_v1_DataSourceExecuteResponse__Output } from './kiln/plugin/v1/DataSourceExecuteResponse.js';
import type { DataSourceOutputSchemaRequest as _kiln_plugin_v1_DataSourceOutputSchemaRequest, DataSourceOutputSchemaRequest__Output as _kiln_plugin_v1_DataSourceOutputSchemaRequest__Output } from './kiln/plugin/v1/DataSourceOutputSchemaRequest.js';
import type { DataSourceOutputSchemaResponse as _kiln_plugin_v1_DataSourceOutputSchemaResponse, DataSourceOutputSchemaResponse__Output as _kiln_plugin_v1_DataSourceOutputSchemaResponse__Output } from './kiln/plugin/v1/DataSourceOutputSchemaResponse.js';
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
        /**
         * A data source is configured from a `data` block and executed once, before
         * the builds start; its result is readable as data.<type>.<name>.<attr>.
         */
        DataSource: SubtypeConstructor<typeof grpc.Client, _kiln_plugin_v1_DataSourceClient> & { service: _kiln_plugin_v1_DataSourceDefinition }
        DataSourceConfigureRequest: MessageTypeDefinition<_kiln_plugin_v1_DataSourceConfigureRequest, _kiln_plugin_v1_DataSourceConfigureRequest__Output>
        DataSourceConfigureResponse: MessageTypeDefinition<_kiln_plugin_v1_DataSourceConfigureResponse, _kiln_plugin_v1_DataSourceConfigureResponse__Output>
        DataSourceExecuteRequest: MessageTypeDefinition<_kiln_plugin_v1_DataSourceExecuteRequest, _kiln_plugin_v1_DataSourceExecuteRequest__Output>
        DataSourceExecuteResponse: MessageTypeDefinition<_kiln_plugin_v1_DataSourceExecuteResponse, _kiln_plugin_v1_DataSourceExecuteResponse__Output>
        DataSourceOutputSchemaRequest: MessageTypeDefinition<_kiln_plugin_v1_DataSourceOutputSchemaRequest, _kiln_plugin_v1_DataSourceOutputSchemaRequest__Output>
        DataSourceOutputSchemaResponse: MessageTypeDefinition<_kiln_plugin_v1_DataSourceOutputSchemaResponse, _kiln_plugin_v1_DataSourceOutputSchemaResponse__Output>
        Diagnostic: MessageTypeDefinition<_kiln_plugin_v1_Diagnostic, _kiln_plugin_v1_Diagnostic__Output>
        Empty: MessageTypeDefinition<_kiln_plugin_v1_Empty, _kiln_plugin_v1_Empty__Output>
        Nesting: EnumTypeDefinition
        Schema: MessageTypeDefinition<_kiln_plugin_v1_Schema, _kiln_plugin_v1_Schema__Output>
        Severity: EnumTypeDefinition
      }
    }
  }
}

