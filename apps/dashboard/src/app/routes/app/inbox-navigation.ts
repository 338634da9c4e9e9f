import { createContext, useContext } from 'react';

/**
 * What the inbox (which knows the list) lends the open conversation (which knows the actions): moving on
 * after `e` closes it. A context because the conversation route renders in the inbox's <Outlet />.
 */
export const InboxNavigation = createContext<{ openNext: () => void } | null>(null);

export const useInboxNavigation = () => useContext(InboxNavigation);
