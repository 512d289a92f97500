terraform {
  backend "s3" {
    bucket                       = "legacy"
    key                          = "legacy.tfstate"
    endpoint                     = "http://localhost:5000"
    dynamodb_endpoint            = "http://localhost:5001"
    sts_endpoint                 = "http://localhost:5002"
    iam_endpoint                 = "http://localhost:5003"
    force_path_style             = true
    role_arn                     = "arn:aws:iam::123456789012:role/legacy"
    session_name                 = "statehouse"
    external_id                  = "ext"
    assume_role_duration_seconds = 3600
    assume_role_policy_arns      = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assume_role_tags             = { team = "platform" }
    shared_credentials_file      = "~/.aws/credentials"
  }
}
