import { createContext, useContext } from 'react';

/**
 * The "For example, …" postcode residents are shown: a real postcode of the force's own area
 * (from `/api/public/settings`), never one from another force. Null until postcodes are
 * imported, when hints give no example.
 */
export interface PostcodeExample {
  /** `ZZ1 0AA` */
  postcode: string;
  /** `ZZ1` */
  outward: string;
}

/** A stored postcode as residents write it, or null if it is not one. */
export function postcodeExample(postcode: string | null | undefined): PostcodeExample | null {
  const compact = (postcode ?? '').replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return null;
  const outward = compact.slice(0, -3);
  return { postcode: `${outward} ${compact.slice(-3)}`, outward };
}

export const PostcodeExampleContext = createContext<PostcodeExample | null>(null);

export const usePostcodeExample = () => useContext(PostcodeExampleContext);
