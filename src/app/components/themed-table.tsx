import { Table } from '@alcalzone/ink-table';
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../app-context.js';

type Scalar = string | number | boolean | null | undefined;

/** @alcalzone/ink-table with the app's theme (its own header is hard-coded blue, which NO_COLOR forbids). */
export const ThemedTable = <T extends Record<string, Scalar>>({ data, columns }: { readonly data: T[]; readonly columns?: (keyof T)[] }) => {
  const theme = useTheme();
  const Header = ({ children }: { readonly children?: ReactNode }) => <Text {...theme.heading}>{children}</Text>;
  return <Table data={data} header={Header} {...(columns === undefined ? {} : { columns })} />;
};
