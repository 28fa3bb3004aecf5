import { CompoundsPage } from './CommunityLists.tsx';
export default CompoundsPage;
