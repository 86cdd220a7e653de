from svduty.cli import main

main()
