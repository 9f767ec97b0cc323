import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import ExtensionIcon from '@material-ui/icons/Extension';
import StorageIcon from '@material-ui/icons/Storage';

/** The icon of a resource type; decorative, the type is written beside it. */
export const ResourceTypeIcon = (props: { type: string }) => {
  const common = {
    fontSize: 'small',
    color: 'action',
    'aria-hidden': true,
  } as const;
  if (props.type.startsWith('postgres')) {
    return <StorageIcon {...common} />;
  }
  if (props.type.startsWith('kubernetes')) {
    return <CloudQueueIcon {...common} />;
  }
  return <ExtensionIcon {...common} />;
};
