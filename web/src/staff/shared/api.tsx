/**
 * The staff API client: the typed routes of `/api/staff`, each request carrying the signed-in
 * officer's token. StaffApp creates it once the session is known and provides it; pages take it
 * with `useStaffApi()` instead of passing the token down.
 */
import type { AppType } from '@wardpulse/functions';
import { hc } from 'hono/client';
import { createContext, useContext } from 'react';

const staffRoutes = (token: string) => hc<AppType>('/', { headers: { Authorization: `Bearer ${token}` } }).api.staff;

export interface StaffApi {
  /**
   * `/api/staff/...`, typed by the API's own route definitions; every request is signed in. Stable
   * for the session; its routes (`staff.surveys`) are new proxies on each access, so effects and
   * callbacks depend on `staff`, never on a route.
   */
  readonly staff: ReturnType<typeof staffRoutes>;
  /**
   * The `Authorization` header, for the two requests the typed client cannot make: an upload
   * with progress and a file download. Only ever sent to the API's own origin, never to S3.
   */
  readonly authorization: string;
}

/**
 * @example
 * const api = createStaffApi(user.access_token);
 * await unwrap(api.staff.me.$get());
 */
export function createStaffApi(token: string): StaffApi {
  return { staff: staffRoutes(token), authorization: `Bearer ${token}` };
}

export const StaffApiContext = createContext<StaffApi | null>(null);

/** The signed-in staff API; only pages StaffApp shows once the session is known may call it. */
export function useStaffApi(): StaffApi {
  const api = useContext(StaffApiContext);
  if (!api) throw new Error('useStaffApi() outside <StaffApiContext>: only signed-in console pages call the staff API.');
  return api;
}
