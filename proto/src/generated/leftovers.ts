import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Leftover as _kiln_plugin_v1_Leftover, Leftover__Output as _kiln_plugin_v1_Leftover__Output } from './kiln/plugin/v1/Leftover.js';
import type { LeftoverOption as _kiln_plugin_v1_LeftoverOption, LeftoverOption__Output as _kiln_plugin_v1_LeftoverOption__Output } from './kiln/plugin/v1/LeftoverOption.js';
import type { LeftoverScope as _kiln_plugin_v1_LeftoverScope, LeftoverScope__Output as _kiln_plugin_v1_LeftoverScope__Output } from './kiln/plugin/v1/LeftoverScope.js';
import type { LeftoversClient as _kiln_plugin_v1_LeftoversClient, LeftoversDefinition as _kiln_plugin_v1_LeftoversDefinition } from './kiln/plugin/v1/Leftovers.js';
import type { ListLeftoversRequest as _kiln_plugin_v1_ListLeftoversRequest, ListLeftoversRequest__Output as _kiln_plugin_v1_ListLeftoversRequest__Output } from './kiln/plugin/v1/ListLeftoversRequest.js';
import type { ListLeftoversResponse as _kiln_plugin_v1_ListLeftoversResponse, ListLeftoversResponse__Output as _kiln_plugin_v1_ListLeftoversResponse__Output } from './kiln/plugin/v1/ListLeftoversResponse.js';
import type { RemoveLeftoversRequest as _kiln_plugin_v1_RemoveLeftoversRequest, RemoveLeftoversRequest__Output as _kiln_plugin_v1_RemoveLeftoversRequest__Output } from './kiln/plugin/v1/RemoveLeftoversRequest.js';
import type { RemoveLeftoversResponse as _kiln_plugin_v1_RemoveLeftoversResponse, RemoveLeftoversResponse__Output as _kiln_plugin_v1_RemoveLeftoversResponse__Output } from './kiln/plugin/v1/RemoveLeftoversResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  kiln: {
    plugin: {
      v1: {
        Leftover: MessageTypeDefinition<_kiln_plugin_v1_Leftover, _kiln_plugin_v1_Leftover__Output>
        LeftoverOption: MessageTypeDefinition<_kiln_plugin_v1_LeftoverOption, _kiln_plugin_v1_LeftoverOption__Output>
        LeftoverScope: MessageTypeDefinition<_kiln_plugin_v1_LeftoverScope, _kiln_plugin_v1_LeftoverScope__Output>
        /**
         * Optional. A plugin whose builds make things that outlive a killed plugin
         * or an -on-error=abort build (containers, VMs, cloud instances) lists and
         * removes them here, for `kiln cleanup`. A plugin that serves it names
         * "kiln.plugin.v1.Leftovers" in DescribeResponse.services.
         */
        Leftovers: SubtypeConstructor<typeof grpc.Client, _kiln_plugin_v1_LeftoversClient> & { service: _kiln_plugin_v1_LeftoversDefinition }
        ListLeftoversRequest: MessageTypeDefinition<_kiln_plugin_v1_ListLeftoversRequest, _kiln_plugin_v1_ListLeftoversRequest__Output>
        ListLeftoversResponse: MessageTypeDefinition<_kiln_plugin_v1_ListLeftoversResponse, _kiln_plugin_v1_ListLeftoversResponse__Output>
        RemoveLeftoversRequest: MessageTypeDefinition<_kiln_plugin_v1_RemoveLeftoversRequest, _kiln_plugin_v1_RemoveLeftoversRequest__Output>
        RemoveLeftoversResponse: MessageTypeDefinition<_kiln_plugin_v1_RemoveLeftoversResponse, _kiln_plugin_v1_RemoveLeftoversResponse__Output>
      }
    }
  }
}

