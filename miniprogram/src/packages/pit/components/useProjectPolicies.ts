import { useEffect, useState } from 'react';
import { session } from '../../../services/client';
import { pitApi } from '../pitApi';

/** What the server allows this user on a project (`policies` of the project), for a page that has not loaded the project itself. */
export function useProjectPolicies(projectId: string): Record<string, boolean> {
  const [policies, setPolicies] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (!projectId || !session.isLoggedIn()) return;
    let live = true;
    pitApi
      .project(projectId)
      .then((r) => live && setPolicies(r.policies))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [projectId]);
  return policies;
}
