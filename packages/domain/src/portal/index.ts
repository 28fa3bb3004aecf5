/** The party's view of his case in the portal: his deadlines (D2, D5, G1/G2, J1), the state in plain words, the D2 window. */
export * from './party-view.ts';
