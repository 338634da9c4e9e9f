import type { ReactNode } from 'react';

/** A scrolling settings page with a readable measure. */
export function SettingsPage({ children, labelledBy = 'page-title' }: { children: ReactNode; labelledBy?: string }) {
  return (
    <div className="page">
      <section className="page-inner" aria-labelledby={labelledBy}>
        {children}
      </section>
    </div>
  );
}
