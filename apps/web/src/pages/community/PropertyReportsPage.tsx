import { PropertyReportsPage } from './CommunityLists.tsx';
export default PropertyReportsPage;
