import type { Admin } from "kafkajs";
import type { NativeCluster } from "../broker/native/native-cluster.js";
import type { GroupRef } from "../evidence/refs.js";
import { allowRead } from "./acls.js";
import type { Restartable } from "./restart-rounds.js";
import { ServiceUser } from "./service-user.js";
import type { Timeline } from "./timeline.js";

/** What the services facet is given by its scenario. */
export interface ScenarioServicesContext {
  id: string;
  /** The scenario's own broker or cluster; services need a cluster with SCRAM users. */
  own: Restartable | NativeCluster | undefined;
  /** The cluster's super user's admin client, read at each use. */
  admin: () => Admin;
  timeline: Timeline;
  groupId: (ref: GroupRef) => string;
  logStartOffsets: (topic: string) => Promise<{ partition: number; offset: number }[]>;
  /** Numbers each request of the scenario, whoever makes it. */
  nextRequest: () => number;
}

/**
 * Services with SCRAM users of their own on the scenario's cluster (see `ServiceUser`),
 * and the ACLs the cluster's super user grants them, each recorded on the timeline.
 */
export class ScenarioServices implements AsyncDisposable {
  private readonly users = new Map<string, Promise<ServiceUser>>();

  constructor(private readonly context: ScenarioServicesContext) {}

  /** The service that connects as `username`; the same name gives the same service. */
  user(username: string): Promise<ServiceUser> {
    const { own, id } = this.context;
    if (!own || !("users" in own)) throw new Error(`scenario ${id} has no cluster of its own with SCRAM users; give its proof ownCluster: { scramUsers: [...] }`);
    if (!this.users.has(username)) {
      const { timeline, groupId, logStartOffsets, nextRequest } = this.context;
      this.users.set(username, ServiceUser.connect({ cluster: own, timeline, groupId, logStartOffsets, nextRequest }, username));
    }
    return this.users.get(username)!;
  }

  /** Allows a service to READ a group and a topic (an ACL each), as the cluster's super user, and records it. */
  async allowRead(service: ServiceUser, { group, topic }: { group?: GroupRef; topic?: string }): Promise<void> {
    const groupId = group === undefined ? undefined : this.context.groupId(group);
    await allowRead(this.context.admin(), { user: service.name, ...(groupId === undefined ? {} : { groupId }), ...(topic === undefined ? {} : { topic }) });
    const what = [...(group ? [`group ${group.group}`] : []), ...(topic ? [`topic ${topic}`] : [])].join(" and ");
    this.context.timeline.record("acl", "admin", `admin allowed User:${service.name} to READ ${what}`, {
      user: service.name,
      ...(group ? { group: group.group } : {}),
      ...(topic ? { topic } : {}),
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.allSettled([...this.users.values()].map(async (service) => (await service)[Symbol.asyncDispose]()));
  }
}
