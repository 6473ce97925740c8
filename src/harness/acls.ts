import kafkajs from "kafkajs";
import type { Admin, AclEntry } from "kafkajs";
import { waitFor } from "./wait.js";

const { AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs;

/** What a user is to be allowed to READ: a group (to join it, commit and read its offsets) and a topic (to fetch it). */
export interface ReadGrant {
  user: string;
  groupId?: string;
  topic?: string;
}

/** The ACL entries that allow `grant.user` to READ exactly the named group and topic, from any host. */
export function readAcls(grant: ReadGrant): AclEntry[] {
  const entry = (resourceType: number, resourceName: string): AclEntry => ({
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${grant.user}`,
    host: "*",
    operation: AclOperationTypes.READ,
    permissionType: AclPermissionTypes.ALLOW,
  });
  const entries = [
    ...(grant.groupId === undefined ? [] : [entry(AclResourceTypes.GROUP, grant.groupId)]),
    ...(grant.topic === undefined ? [] : [entry(AclResourceTypes.TOPIC, grant.topic)]),
  ];
  if (entries.length === 0) throw new Error(`a grant to ${grant.user} names neither a group nor a topic: it would allow nothing`);
  return entries;
}

/**
 * Creates the ACLs and waits until the broker's authorizer reports them (DescribeAcls
 * is answered from the authorizer's own copy, which follows the metadata log a moment
 * after the controller has taken them), so the next request is judged by them.
 */
export async function allowRead(admin: Admin, grant: ReadGrant): Promise<AclEntry[]> {
  const acl = readAcls(grant);
  await admin.createAcls({ acl });
  for (const entry of acl) {
    await waitFor(
      `the broker to report ${entry.principal}'s READ ACL on ${entry.resourceName}`,
      async () => {
        const { resources } = await admin.describeAcls({ ...entry, resourceName: entry.resourceName });
        return resources.some((r) => r.resourceName === entry.resourceName && r.acls.some((a) => a.principal === entry.principal)) ? true : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
  }
  return acl;
}
