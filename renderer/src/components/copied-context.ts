import { createContext } from 'react';

/** Told when a value was copied: the IdP and Console steps are done once their values were copied. */
export const ValueCopiedContext = createContext<(() => void) | null>(null);
